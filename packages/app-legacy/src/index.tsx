import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import App from './App';
// The catalog's cards are built on @backstage/ui, whose styles every app loads.
import '@backstage/ui/css/styles.css';

ReactDOM.createRoot(document.getElementById('root')!).render(<App />);
